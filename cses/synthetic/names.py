"""Names, streets, employers and places for synthetic Connecticut families.

The origins and their weights sketch Connecticut's child-support caseload, which is more urban,
more Hispanic (largely Puerto Rican) and more Black than the state as a whole, with the Polish
(New Britain), Italian (New Haven, Waterbury), Portuguese and Brazilian (Bridgeport, Danbury) and
Asian communities of the state. Nothing here names a real person or business.
"""

from __future__ import annotations

from dataclasses import dataclass


def _list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(","))


@dataclass(frozen=True)
class Origin:
    """A naming tradition: surnames, adults' and children's first names, and how often its
    adults prefer Spanish or another language to English."""

    key: str
    city_weight: float  # share of families in the larger cities
    town_weight: float  # share of families elsewhere
    surnames: tuple[str, ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    girls: tuple[str, ...]
    boys: tuple[str, ...]
    spanish_share: float = 0.0
    other_language_share: float = 0.0


ORIGINS: tuple[Origin, ...] = (
    Origin(
        key="hispanic",
        city_weight=38,
        town_weight=18,
        surnames=_list(
            "Rivera, Rodriguez, Martinez, Hernandez, Lopez, Gonzalez, Perez, Sanchez, "
            "Ramirez, Torres, Cruz, Santiago, Ortiz, Colon, Diaz, Reyes, Morales, Vazquez, "
            "Figueroa, Rosario, Velez, Negron, Maldonado, Ramos, Melendez, Soto, Medina, "
            "Acevedo, Ayala, Pagan, Quiñones, Muñoz, Peña, Burgos, Rosado, Serrano, Cintron, "
            "Feliciano, Guzman, Jimenez, Castillo, Espinal, Mejia, Vega, Nieves"
        ),
        women=_list(
            "Maria, Carmen, Yesenia, Jessica, Yolanda, Marisol, Lizbeth, Jennifer, Ana, "
            "Glorimar, Nilda, Migdalia, Yaritza, Keila, Zuleyka, Daisy, Wanda, Luz, Yamilet, "
            "Jacqueline, Brenda, Evelyn, Nancy, Jazmin, Karina, Stephanie, Yajaira"
        ),
        men=_list(
            "Jose, Luis, Carlos, Juan, Miguel, Angel, Jesus, Edwin, Hector, Javier, Ruben, "
            "Wilfredo, Jonathan, Christian, Pedro, Julio, Roberto, Efrain, Victor, Alexis, "
            "Josue, Ricardo, Raul, Israel, Orlando"
        ),
        girls=_list(
            "Sofia, Isabella, Camila, Valentina, Mia, Genesis, Alexa, Luna, Emily, Ashley, "
            "Natalia, Daniela, Gabriela, Aaliyah, Mariana, Lia"
        ),
        boys=_list(
            "Mateo, Santiago, Sebastian, Adrian, Dylan, Liam, Jayden, Ian, Gael, Kevin, "
            "Angel, Jeremiah, Julian, Elias, Lucas, Josiah, Joel"
        ),
        spanish_share=0.45,
    ),
    Origin(
        key="black",
        city_weight=30,
        town_weight=12,
        surnames=_list(
            "Williams, Johnson, Smith, Jones, Brown, Jackson, Davis, Thomas, Harris, "
            "Robinson, Washington, Jefferson, Banks, Graham, Campbell, Thompson, Grant, Reid, "
            "Edwards, Mitchell, Simmons, Coleman, Gordon, Francis, Clarke, Morgan, Bailey, "
            "Wright, Walker, Green, Henry, Richards, Stewart, Brooks, Dawkins, Spence, "
            "McKenzie, Barrett"
        ),
        women=_list(
            "Aaliyah, Keisha, Tanisha, Jasmine, Imani, Shanice, Ebony, Tiana, Kiara, Destiny, "
            "Monique, Latoya, Danielle, Brianna, Nia, Asia, Tamika, Shantel, Kimberly, "
            "Alicia, Nadine, Simone, Tasha"
        ),
        men=_list(
            "Jamal, Tyrone, Darnell, Andre, Malik, DeShawn, Marcus, Terrence, Jermaine, "
            "Darius, Isaiah, Xavier, Jalen, Devon, Kareem, Omar, Dwayne, Rashad, Andrew, "
            "Anthony, Michael, Marlon, Curtis"
        ),
        girls=_list(
            "Amari, Nevaeh, Maliyah, Jade, Skylar, Zariah, Aniyah, Kennedy, Londyn, Harmony, "
            "Serenity, Journee, Ava, Madison"
        ),
        boys=_list(
            "Zion, Jayden, Kai, Ayden, Khalil, Josiah, Elijah, Jordan, Cameron, Micah, Amir, "
            "Kingston, Carter, Messiah"
        ),
    ),
    Origin(
        key="anglo",
        city_weight=14,
        town_weight=38,
        surnames=_list(
            "Smith, Johnson, Brown, Miller, Davis, Wilson, Anderson, Taylor, Moore, Clark, "
            "Lewis, Hall, Allen, Young, King, Wright, Scott, Baker, Adams, Nelson, Hill, "
            "Murphy, Sullivan, O'Brien, Kelly, Walsh, Ryan, McCarthy, Fitzgerald, Doherty, "
            "Gallagher, Quinn, Dubois, Gagnon, Tremblay, Pelletier, Cote, Bouchard, Levesque, "
            "Roy, Fournier, Carpenter, Whitney, Bradley, Sheehan, Burke"
        ),
        women=_list(
            "Ashley, Jessica, Amanda, Sarah, Megan, Brittany, Nicole, Stephanie, Heather, "
            "Melissa, Kayla, Samantha, Lauren, Rachel, Kelly, Erin, Courtney, Katie, Amber, "
            "Crystal, Tiffany, Lindsey, Caitlin"
        ),
        men=_list(
            "Michael, Christopher, Matthew, Joshua, Daniel, David, James, Ryan, Kevin, Brian, "
            "Sean, Patrick, Tyler, Justin, Brandon, Kyle, Shawn, Timothy, Jason, Cody, Derek, "
            "Travis, Eric"
        ),
        girls=_list(
            "Emma, Olivia, Ava, Charlotte, Harper, Abigail, Ella, Madison, Avery, Chloe, "
            "Lily, Addison, Grace, Riley, Paige"
        ),
        boys=_list(
            "Liam, Noah, Mason, Logan, Jackson, Aiden, Owen, Carter, Hunter, Wyatt, Brody, "
            "Connor, Ethan, Landon, Colton"
        ),
    ),
    Origin(
        key="italian",
        city_weight=6,
        town_weight=13,
        surnames=_list(
            "Russo, Esposito, Romano, Rizzo, DeLuca, Marino, Ricci, Greco, Bruno, Gallo, "
            "Conti, Costa, Mancini, Lombardi, Moretti, Barbieri, Fontana, Santoro, Caruso, "
            "Ferrara, Pagano, DeMaio, Iannone, Sorrentino, Amato, Longo, Vitale, Capasso, "
            "Salerno, D'Agostino"
        ),
        women=_list(
            "Nicole, Gina, Angela, Maria, Francesca, Christina, Lisa, Theresa, Danielle, "
            "Gianna, Alessia, Dana, Michelle, Antonella, Laura"
        ),
        men=_list(
            "Anthony, Joseph, Vincent, Michael, Nicholas, Salvatore, Dominic, Frank, Paul, "
            "Mark, Louis, Carmine, John, Peter, Steven"
        ),
        girls=_list("Gianna, Sophia, Ava, Isabella, Mia, Giuliana, Arianna, Bella, Aria"),
        boys=_list("Luca, Dominic, Nico, Leo, Vincenzo, Enzo, Marco, Anthony, Gio"),
    ),
    Origin(
        key="polish",
        city_weight=4,
        town_weight=8,
        surnames=_list(
            "Kowalski, Nowak, Wisniewski, Wojcik, Kaminski, Lewandowski, Zielinski, "
            "Szymanski, Wozniak, Dabrowski, Kozlowski, Jankowski, Mazur, Kwiatkowski, "
            "Krawczyk, Piotrowski, Grabowski, Pawlowski, Michalski, Sadowski, Zajac, Krol, "
            "Wieczorek, Jablonski, Majewski, Olszewski, Stepien, Malinowski, Gorski, "
            "Rutkowski"
        ),
        women=_list(
            "Anna, Katarzyna, Agnieszka, Joanna, Magdalena, Monika, Karolina, Natalia, Ewa, "
            "Barbara, Jennifer, Kristen, Justyna, Paulina"
        ),
        men=_list(
            "Piotr, Tomasz, Pawel, Marek, Krzysztof, Adam, Lukasz, Michal, Jakub, Robert, "
            "Stanley, Mark, Wojciech, Dariusz"
        ),
        girls=_list("Zofia, Julia, Maja, Lena, Alicja, Hanna, Oliwia, Amelia, Emilia"),
        boys=_list("Jakub, Szymon, Filip, Kacper, Antoni, Jan, Aleksander, Nikodem"),
        other_language_share=0.08,
    ),
    Origin(
        key="portuguese",
        city_weight=4,
        town_weight=5,
        surnames=_list(
            "Silva, Santos, Ferreira, Pereira, Oliveira, Rodrigues, Martins, Sousa, "
            "Fernandes, Goncalves, Gomes, Lopes, Marques, Alves, Almeida, Ribeiro, Pinto, "
            "Carvalho, Teixeira, Moreira, Correia, Mendes, Nunes, Soares, Vieira, Monteiro, "
            "Cardoso, Rocha, Raposo, Medeiros, Furtado, Pacheco, Tavares, Cabral"
        ),
        women=_list(
            "Ana, Maria, Fernanda, Juliana, Beatriz, Mariana, Gabriela, Patricia, Sandra, "
            "Carla, Vanessa, Daniela, Tatiane, Luciana"
        ),
        men=_list(
            "Joao, Paulo, Manuel, Antonio, Carlos, Ricardo, Rui, Fernando, Marcos, Tiago, "
            "Diego, Rafael, Bruno, Leandro"
        ),
        girls=_list("Beatriz, Larissa, Laura, Alice, Manuela, Yasmin, Helena, Valentina"),
        boys=_list("Lucas, Gabriel, Pedro, Rafael, Miguel, Enzo, Davi, Arthur"),
        other_language_share=0.15,
    ),
    Origin(
        key="east_asian",
        city_weight=2,
        town_weight=3,
        surnames=_list(
            "Nguyen, Tran, Le, Pham, Vo, Huynh, Chen, Wang, Li, Zhang, Liu, Lin, Huang, Kim, "
            "Lee, Park, Choi, Sok, Chea"
        ),
        women=_list(
            "Linh, Thuy, Mai, Hoa, Mei, Xiu, Jia, Min-ji, Soo-jin, Jenny, Vivian, Grace, Sophany"
        ),
        men=_list(
            "Minh, Tuan, Hung, Duc, Wei, Jun, Hao, Min-ho, Sung, Kevin, Daniel, Vannak, David"
        ),
        girls=_list("Emily, Chloe, Hannah, Anna, Claire, Vivian, Kaylee, Sophie"),
        boys=_list("Ethan, Ryan, Justin, Jason, Andrew, Aiden, Nathan, Eric"),
        other_language_share=0.12,
    ),
    Origin(
        key="south_asian",
        city_weight=2,
        town_weight=3,
        surnames=_list(
            "Patel, Shah, Singh, Kumar, Sharma, Desai, Khan, Ali, Ahmed, Chowdhury, Rahman, "
            "Gupta, Mehta, Persaud, Ramdass"
        ),
        women=_list(
            "Priya, Anjali, Neha, Pooja, Fatima, Ayesha, Sana, Kavita, Reshma, Nisha, Shanti"
        ),
        men=_list(
            "Raj, Amit, Vikram, Sanjay, Imran, Faisal, Arjun, Rahul, Mohammed, Ravi, Devendra"
        ),
        girls=_list("Aanya, Anika, Zara, Inaya, Diya, Maya, Aisha, Riya"),
        boys=_list("Aarav, Vihaan, Ayaan, Rohan, Zayan, Arjun, Ishaan, Dev"),
        other_language_share=0.10,
    ),
)

# Rough populations in thousands (2020) of the towns that carry most of the caseload; the rest
# count as small towns. The eleven old industrial cities weigh three times their size.
TOWN_POPULATION: dict[str, int] = {
    "Bridgeport": 148,
    "Stamford": 135,
    "New Haven": 135,
    "Hartford": 121,
    "Waterbury": 114,
    "Norwalk": 91,
    "Danbury": 87,
    "New Britain": 74,
    "West Hartford": 64,
    "Greenwich": 63,
    "Fairfield": 61,
    "Hamden": 61,
    "Bristol": 61,
    "Meriden": 60,
    "Manchester": 59,
    "West Haven": 55,
    "Milford": 52,
    "Stratford": 52,
    "East Hartford": 51,
    "Middletown": 47,
    "Wallingford": 44,
    "Southington": 43,
    "Enfield": 42,
    "Shelton": 41,
    "Norwich": 40,
    "Groton": 38,
    "Trumbull": 36,
    "Torrington": 35,
    "Glastonbury": 35,
    "Naugatuck": 31,
    "Newington": 30,
    "Vernon": 30,
    "Windsor": 29,
    "Cheshire": 29,
    "Branford": 28,
    "New Milford": 28,
    "New London": 27,
    "East Haven": 27,
    "Wethersfield": 27,
    "Newtown": 27,
    "Westport": 27,
    "Windham": 25,
    "Mansfield": 25,
    "Farmington": 26,
    "North Haven": 24,
    "Bloomfield": 21,
    "Ansonia": 19,
    "Killingly": 17,
    "Plainfield": 15,
    "Derby": 12,
}
SMALL_TOWN_POPULATION = 8
CITIES = frozenset(
    {
        "Bridgeport",
        "Hartford",
        "New Haven",
        "Waterbury",
        "New Britain",
        "Meriden",
        "Norwich",
        "New London",
        "Windham",
        "East Hartford",
        "West Haven",
    }
)
CITY_CASELOAD_FACTOR = 3

STREET_NAMES: tuple[str, ...] = _list(
    "Main, Park, Elm, Maple, Oak, Washington, Franklin, Broad, Church, High, Prospect, "
    "Chestnut, Pleasant, Center, Spring, Summer, Union, Water, Mill, Chapel, Asylum, "
    "Farmington, Wethersfield, Barbour, Albany, Capitol, Grand, Whalley, Dixwell, Congress, "
    "Howard, Stratford, Fairfield, Boston, Madison, Lafayette, Arch, Burnside, Silver, "
    "Meadow, Walnut, Cedar, Highland, Hillside, Laurel, Orchard, Sherman, Wolcott, Baldwin, "
    "Colony, Bank, Grove, Hamilton, Lincoln, Jefferson, Columbus, Putnam, Trumbull, Wooster, "
    "Maple Hill, Riverside, Lake, Pine, Birch, Willow, Sycamore, Kensington"
)
STREET_KINDS: tuple[str, ...] = _list(
    "Street, Street, Street, Avenue, Avenue, Road, Drive, Lane, Place, Court, Terrace, Boulevard"
)

# The other states of interstate cases, by how often Connecticut works with them, and a city
# with its ZIP code in each for the out-of-state parent's address.
OTHER_STATES: tuple[tuple[str, int, tuple[tuple[str, str], ...]], ...] = (
    ("NY", 25, (("Bronx", "10451"), ("Brooklyn", "11201"), ("Yonkers", "10701"))),
    ("MA", 20, (("Springfield", "01103"), ("Worcester", "01608"), ("Boston", "02119"))),
    ("FL", 12, (("Orlando", "32801"), ("Kissimmee", "34741"), ("Tampa", "33602"))),
    ("PR", 10, (("San Juan", "00901"), ("Bayamon", "00961"), ("Ponce", "00716"))),
    ("RI", 8, (("Providence", "02903"), ("Woonsocket", "02895"))),
    ("NJ", 6, (("Newark", "07102"), ("Paterson", "07501"))),
    ("PA", 6, (("Philadelphia", "19120"), ("Allentown", "18101"))),
    ("NC", 5, (("Charlotte", "28202"), ("Raleigh", "27601"))),
    ("GA", 4, (("Atlanta", "30303"),)),
    ("TX", 4, (("Houston", "77002"), ("San Antonio", "78205"))),
)

# Superior Court judicial district of each DSS office, for family docket numbers.
COURT_OF_OFFICE: dict[str, str] = {
    "BPT": "FBT",
    "DAN": "DBD",
    "HFD": "HHD",
    "MAN": "HHD",
    "MID": "MMX",
    "NBR": "HHB",
    "NHV": "NNH",
    "NOR": "KNL",
    "STM": "FST",
    "TOR": "LLI",
    "WTB": "UWY",
    "WIL": "WWM",
}

AREA_CODES: tuple[str, ...] = ("860", "860", "203", "203", "475", "959")

EMPLOYER_PREFIXES: tuple[str, ...] = _list(
    "Nutmeg, Charter Oak, Constitution, Connecticut River, Sound Shore, Housatonic, Naugatuck "
    "Valley, Quinnipiac, Thames River, Farmington Valley, Shoreline, Elm City, Brass City, "
    "Hardware City, Capitol Region, Park City, Mystic, Litchfield Hills, Quiet Corner, Gold "
    "Coast, Silk City, Whaling City, Central Connecticut, Tri-Town, Valley, Harbor, "
    "Northeast, Pequot"
)
EMPLOYER_TRADES: tuple[str, ...] = _list(
    "Health Services, Logistics, Manufacturing, Insurance Group, Construction, Auto Body, "
    "Restaurant Group, Staffing, Home Care, Retail, Precision Machining, Landscaping, "
    "Security Services, Cleaning Services, Transport, Electric, Plumbing & Heating, Bakery, "
    "Supermarkets, School Bus, Nursing Center, Distribution, Hospitality, Aerospace "
    "Components, Property Management, Roofing, Tire & Auto, Pharmacy, Dental Group, Child "
    "Care Center"
)
EMPLOYER_SUFFIXES: tuple[str, ...] = ("LLC", "LLC", "Inc.", "Inc.", "Co.", "Corp.", "")

NOTES: tuple[str, ...] = _list(
    "Called the custodial party; confirmed the address and the children's schools., Left a "
    "voicemail for the custodial party asking for the children's birth certificates., Sent "
    "the financial affidavit to the noncustodial parent., Noncustodial parent called about "
    "the payment schedule; explained income withholding., Received pay stubs from the "
    "noncustodial parent's employer., Custodial party reports the noncustodial parent moved; "
    "asked for any new address., Mailed the case summary and the rights-and-responsibilities "
    "notice., Custodial party asked about health insurance for the children; referred to "
    "HUSKY., Checked DMV and Department of Labor records; no new information., Noncustodial "
    "parent asked for a review of the order; explained the modification process., Spoke with "
    "the custodial party in Spanish through the language line., Employer's payroll office "
    "confirmed the withholding order was received."
)

# The worker's note that documents each 45 CFR 303.11 closure criterion.
CLOSURE_NOTES: dict[str, str] = {
    "b1": "No current support order; arrears balance under $500.",
    "b2": "No current support order; all arrears are assigned to the State.",
    "b4": "Death record received; no estate to pursue.",
    "b5": "The noncustodial parent now lives with the children.",
    "b6": "Genetic test excluded the alleged father; no other man named.",
    "b7": "No result from NDNH, DMV, FPLS or postal searches in three years.",
    "b8": "Long-term disability; no income or assets during the children's minority.",
    "b9": "Only income is SSI, confirmed by the Social Security Administration.",
    "b11": "Locate-only request completed; address sent to the requesting party.",
    "b12": "The custodial party asked in writing for the case to be closed.",
    "b14": "Good cause found by the assistance program: risk of harm to the family.",
    "b15": "No response to letters and calls at the last known address and phone.",
    "b16": "The custodial party did not attend two scheduled appointments.",
    "b17": "The initiating state did not send the requested documents after two requests.",
    "b18": "The initiating state notified us that it closed its case.",
    "b19": "The initiating state no longer needs our services.",
    "b20": "Referral received from another program without an application.",
}
